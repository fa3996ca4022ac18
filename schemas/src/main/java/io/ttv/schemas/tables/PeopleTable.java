package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code people} and {@code dim_person}: every person of the config, and every identity seen in the data
 * that nobody listed, as its own unmatched person {@code <system>:<identity>} (contract section 3).
 */
public final class PeopleTable {
  private PeopleTable() {}

  public static final String NAME = "people";
  public static final String DIM_NAME = "dim_person";
  public static final String PERSON_ID = "person_id";
  public static final String NAME_COLUMN = "name";
  public static final String TEAM = "team";
  public static final String TIMEZONE = "timezone";
  public static final String IS_MATCHED = "is_matched";
  public static final String IS_BOT = "is_bot";
  public static final String IDENTITIES = "identities";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(PERSON_ID, DataTypes.StringType, "people[].id, or <system>:<identity> for an identity seen in the data that no person lists."))
          .add(Col.of(NAME_COLUMN, DataTypes.StringType, "Display name (people[].name); for an unmatched identity, the identity."))
          .add(Col.of(TEAM, DataTypes.StringType, "The person's team (people[].team); null for an unmatched identity."))
          .add(Col.of(TIMEZONE, DataTypes.StringType, "The team's time zone (the reporting zone for people without a team)."))
          .add(Col.required(IS_MATCHED, DataTypes.BooleanType, "The config lists this person."))
          .add(Col.required(IS_BOT, DataTypes.BooleanType, "An unmatched identity the bots regex finds (listed people are never bots)."))
          .add(Col.required(IDENTITIES, DataTypes.LongType, "How many identities (emails, logins, account ids) map to the person."));

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.NORMALISED, "one person: listed in the config, or an unmatched identity", SCHEMA, List.of(PERSON_ID), List.of());

  public static final TableDef DIM =
      new TableDef(DIM_NAME, TableDef.Layer.DIMENSION, "one person (the person dimension)", SCHEMA, List.of(PERSON_ID), List.of());
}

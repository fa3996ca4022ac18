package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code identities}: one row per (system, identity) -> person: every identity the config lists and every
 * identity a run saw in the data (contract section 3). Identities are stored in lower case, as they match.
 */
public final class IdentitiesTable {
  private IdentitiesTable() {}

  public static final String NAME = "identities";
  public static final String SYSTEM = "system";
  public static final String IDENTITY = "identity";
  public static final String PERSON_ID = "person_id";
  public static final String IS_MATCHED = "is_matched";
  public static final String IS_BOT = "is_bot";
  public static final String IS_SEEN = "is_seen";

  /** The system of the config's emails (used by git, GitLab, Jira and the calendars). */
  public static final String EMAIL = "email";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(SYSTEM, DataTypes.StringType, "github, gitlab, jira, pagerduty (logins and account ids), git or a calendar system (emails seen), or email (the config's emails)."))
          .add(Col.required(IDENTITY, DataTypes.StringType, "The login, account id or email, in lower case."))
          .add(Col.required(PERSON_ID, DataTypes.StringType, "The person (people.person_id): the listed person it matches, else <system>:<identity>."))
          .add(Col.required(IS_MATCHED, DataTypes.BooleanType, "A listed person has this identity."))
          .add(Col.required(IS_BOT, DataTypes.BooleanType, "Unmatched and found by the bots regex."))
          .add(Col.required(IS_SEEN, DataTypes.BooleanType, "Some run saw it in the data (false: only the config lists it)."));

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.NORMALISED, "one identity of one system, mapped to a person", SCHEMA, List.of(SYSTEM, IDENTITY), List.of());
}

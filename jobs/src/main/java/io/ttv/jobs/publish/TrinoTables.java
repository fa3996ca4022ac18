package io.ttv.jobs.publish;

import io.ttv.jobs.publish.TrinoClient.QueryFailed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registers the warehouse's Delta tables in a Trino {@code delta_lake} catalog ({@code bi.trino}), so that
 * Trino reads them in place. Idempotent: a table already registered at the same location is left alone (a
 * registered table follows its Delta log, so a nightly run needs nothing), one registered at another
 * location (a moved warehouse) is unregistered and registered again, a new one is registered.
 */
public final class TrinoTables {
  private TrinoTables() {}

  /** What happened to one table. */
  public enum Outcome {
    REGISTERED,
    ALREADY_REGISTERED,
    RE_REGISTERED
  }

  public record Registered(String table, String location, Outcome outcome) {}

  private static final Pattern LOCATION = Pattern.compile("\\blocation = '((?:[^']|'')*)'");

  /**
   * The statements that create the schema and register each table (what {@code ttv trino-catalog} prints).
   *
   * @param locations table name -> location in Trino's spelling, in registration order
   */
  public static List<String> statements(String catalog, String schema, Map<String, String> locations) {
    List<String> out = new ArrayList<>();
    out.add(createSchema(catalog, schema));
    locations.forEach((t, loc) -> out.add(registerCall(catalog, schema, t, loc)));
    return out;
  }

  /** Creates the schema when missing and registers every table at Trino, reporting what each needed. */
  public static List<Registered> register(TrinoClient trino, String catalog, String schema, Map<String, String> locations) {
    run(trino, createSchema(catalog, schema), catalog, null);
    List<Registered> out = new ArrayList<>();
    for (Map.Entry<String, String> e : locations.entrySet()) {
      String table = e.getKey();
      String location = e.getValue();
      try {
        trino.execute(registerCall(catalog, schema, table, location));
        out.add(new Registered(table, location, Outcome.REGISTERED));
        continue;
      } catch (QueryFailed f) {
        if (!f.errorName().equals("ALREADY_EXISTS")) {
          throw explain(trino, catalog, table, f);
        }
      }
      if (sameLocation(location, registeredLocation(trino, catalog, schema, table))) {
        out.add(new Registered(table, location, Outcome.ALREADY_REGISTERED));
        continue;
      }
      // unregister_table drops the metastore entry only, never the files
      run(trino, "CALL " + catalog + ".system.unregister_table(schema_name => " + TrinoClient.literal(schema) + ", table_name => "
          + TrinoClient.literal(table) + ")", catalog, table);
      run(trino, registerCall(catalog, schema, table, location), catalog, table);
      out.add(new Registered(table, location, Outcome.RE_REGISTERED));
    }
    return out;
  }

  static String createSchema(String catalog, String schema) {
    return "CREATE SCHEMA IF NOT EXISTS " + catalog + "." + schema;
  }

  static String registerCall(String catalog, String schema, String table, String location) {
    return "CALL " + catalog + ".system.register_table(schema_name => " + TrinoClient.literal(schema) + ", table_name => "
        + TrinoClient.literal(table) + ", table_location => " + TrinoClient.literal(location) + ")";
  }

  /** Where Trino has the table now; null when it cannot say (e.g. its old location has no Delta log any more). */
  private static String registeredLocation(TrinoClient trino, String catalog, String schema, String table) {
    try {
      List<List<Object>> rows = trino.execute("SHOW CREATE TABLE " + catalog + "." + schema + ".\"" + table + "\"").rows();
      Matcher m = LOCATION.matcher(rows.isEmpty() ? "" : String.valueOf(rows.get(0).get(0)));
      return m.find() ? m.group(1).replace("''", "'") : null;
    } catch (QueryFailed f) {
      return null;
    }
  }

  private static boolean sameLocation(String a, String b) {
    return b != null && a.replaceAll("/+$", "").equals(b.replaceAll("/+$", ""));
  }

  private static void run(TrinoClient trino, String sql, String catalog, String table) {
    try {
      trino.execute(sql);
    } catch (QueryFailed f) {
      throw explain(trino, catalog, table, f);
    }
  }

  /** Trino's refusal as one line naming the key to look at (exit 1, no stack trace). */
  private static PublishFailed explain(TrinoClient trino, String catalog, String table, QueryFailed f) {
    String at = " at " + trino.host();
    String why = " (" + f.errorName() + ": " + f.getMessage() + ")";
    String name = f.errorName();
    String message = f.getMessage().toLowerCase(java.util.Locale.ROOT);
    if (name.equals("CATALOG_NOT_FOUND")) {
      return new PublishFailed("bi.trino.catalog: Trino" + at + " has no catalog '" + catalog + "'" + why
          + "; put the output of 'ttv trino-catalog --properties' in etc/catalog/" + catalog + ".properties on every node and restart Trino", f);
    }
    if (message.contains("register_table procedure is disabled")) {
      return new PublishFailed("bi.trino.catalog: catalog '" + catalog + "'" + at + " does not allow register_table" + why
          + "; add delta.register-table-procedure.enabled=true to its properties and restart Trino", f);
    }
    if (name.equals("PROCEDURE_NOT_FOUND") || message.contains("procedure not registered")) {
      return new PublishFailed("bi.trino.catalog: catalog '" + catalog + "'" + at + " has no system.register_table" + why
          + "; is it a delta_lake catalog?", f);
    }
    if (name.equals("PERMISSION_DENIED") || name.contains("ACCESS_DENIED")) {
      return new PublishFailed("bi.trino.url: user '" + trino.user() + "' may not register tables in catalog '" + catalog + "'" + at + why, f);
    }
    return new PublishFailed("bi.trino: Trino" + at + " failed" + (table == null ? "" : " to register " + table) + why, f);
  }
}

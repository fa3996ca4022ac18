package io.ttv.jobs.landing;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/** One file of the landing zone with what its path says: system, dataset, export date, key=value folders. */
public record LandingFile(String uri, String system, String dataset, String exportDate, Map<String, String> pathParams)
    implements Serializable {
  public LandingFile {
    pathParams = java.util.Collections.unmodifiableMap(new TreeMap<>(pathParams));
  }
}

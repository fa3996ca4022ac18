package io.ttv.jobs.generate;

import java.util.SplittableRandom;

/**
 * What a source writer gets: the organisation, the export dates, what happened in git, its own random
 * stream (seeded from the user seed and the system's name), and the landing zone to write to.
 */
record ExportContext(
    Organisation organisation,
    DateRange range,
    CodeActivity activity,
    SplittableRandom random,
    Landing landing) {}

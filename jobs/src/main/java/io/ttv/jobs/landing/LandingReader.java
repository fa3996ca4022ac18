package io.ttv.jobs.landing;

import io.ttv.schemas.raw.SourceDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads landing files on the executors, one file after another per task, streaming each through
 * {@link RecordSplitter}: the driver only lists paths. One output row per record or problem.
 */
public final class LandingReader {
  private LandingReader() {}

  public static final String SOURCE_SYSTEM = "source_system";
  public static final String DATASET = "dataset";
  public static final String EXPORT_DATE = "export_date";
  public static final String SOURCE_FILE = "source_file";
  public static final String POSITION = "position";
  public static final String RECORD = "record";
  public static final String PATH_PARAMS = "path_params";
  public static final String REASON = "reason";
  public static final String RAW_TEXT = "raw_text";

  /** Records have {@code record} set; problems have {@code reason} and {@code raw_text}. */
  public static final StructType SCHEMA =
      new StructType()
          .add(SOURCE_SYSTEM, DataTypes.StringType, false)
          .add(DATASET, DataTypes.StringType, false)
          .add(EXPORT_DATE, DataTypes.StringType, false)
          .add(SOURCE_FILE, DataTypes.StringType, false)
          .add(POSITION, DataTypes.LongType, true)
          .add(RECORD, DataTypes.StringType, true)
          .add(PATH_PARAMS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
          .add(REASON, DataTypes.StringType, true)
          .add(RAW_TEXT, DataTypes.StringType, true);

  /** Files per task: small files cost about a millisecond each, so a task takes a few hundred. */
  private static final int FILES_PER_TASK = 256;

  /** The records of the files of one dataset, split as its {@link SourceDataset#format()} says. */
  public static Dataset<Row> read(SparkSession spark, List<LandingFile> files, SourceDataset dataset) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int parallelism = Math.max(1, jsc.defaultParallelism());
    int slices = Math.max(1, Math.min(Math.max(files.size(), 1), Math.max(parallelism, Math.min(4096, files.size() / FILES_PER_TASK))));
    Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(spark.sparkContext().hadoopConfiguration()));
    List<String> keys = List.copyOf(dataset.wrapperKeys());
    SourceDataset.Format format = dataset.format();
    JavaRDD<Row> rows =
        jsc.parallelize(files, slices).mapPartitions(it -> new FileRows(it, keys, format, conf.value()));
    return spark.createDataFrame(rows, SCHEMA);
  }

  /**
   * Pulls rows out of the push-style splitter through a small bounded queue filled by a reader thread,
   * so a task holds at most a few batches of records in memory however large its files are.
   */
  private static final class FileRows implements Iterator<Row> {
    private static final List<Row> END = new ArrayList<>();
    private static final int BATCH = 256;
    private final BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(8);
    private final Thread reader;
    private volatile Throwable failure;
    private Iterator<Row> current = java.util.Collections.emptyIterator();
    private boolean done;

    FileRows(Iterator<LandingFile> files, List<String> wrapperKeys, SourceDataset.Format format, HadoopConf conf) {
      reader =
          new Thread(
              () -> {
                List<Row> batch = new ArrayList<>(BATCH);
                try {
                  while (files.hasNext()) {
                    LandingFile f = files.next();
                    Path path = new Path(f.uri());
                    FileSystem fs = rawIfLocal(path.getFileSystem(conf.get()));
                    final List<Row>[] holder = new List[] {batch};
                    scala.collection.Map<String, String> params =
                        scala.jdk.javaapi.CollectionConverters.asScala(f.pathParams());
                    java.util.function.Consumer<RecordSplitter.Item> sink =
                        item -> {
                          holder[0].add(toRow(f, params, item));
                          if (holder[0].size() >= BATCH) {
                            put(holder[0]);
                            holder[0] = new ArrayList<>(BATCH);
                          }
                        };
                    if (format == SourceDataset.Format.LINES) {
                      RecordSplitter.splitLines(path.getName(), () -> fs.open(path), sink);
                    } else if (format == SourceDataset.Format.TEXT) {
                      RecordSplitter.splitWhole(path.getName(), () -> fs.open(path), sink);
                    } else {
                      RecordSplitter.split(path.getName(), wrapperKeys, () -> fs.open(path), sink);
                    }
                    batch = holder[0];
                  }
                  if (!batch.isEmpty()) {
                    put(batch);
                  }
                } catch (Throwable t) {
                  failure = t;
                } finally {
                  try {
                    queue.put(END);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              },
              "ttv-landing-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void put(List<Row> batch) {
      try {
        queue.put(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("landing reader interrupted", e);
      }
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext()) {
        if (done) {
          return false;
        }
        List<Row> next;
        try {
          next = queue.take();
        } catch (InterruptedException e) {
          reader.interrupt();
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while reading the landing zone", e);
        }
        if (next == END) {
          done = true;
          if (failure != null) {
            if (failure instanceof IOException io) {
              throw new UncheckedIOException(io);
            }
            throw new IllegalStateException("reading the landing zone failed: " + failure, failure);
          }
          return false;
        }
        current = next.iterator();
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }

  /**
   * Local files are read without Hadoop's checksum layer: it looks for a {@code .crc} beside every
   * file, which exporters never write, and that lookup cost more than the read on small pages.
   */
  private static FileSystem rawIfLocal(FileSystem fs) {
    return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  private static Row toRow(LandingFile f, scala.collection.Map<String, String> params, RecordSplitter.Item item) {
    if (item instanceof RecordSplitter.Record r) {
      return RowFactory.create(f.system(), f.dataset(), f.exportDate(), f.uri(), r.position(), r.json(), params, null, null);
    }
    RecordSplitter.Problem p = (RecordSplitter.Problem) item;
    return RowFactory.create(f.system(), f.dataset(), f.exportDate(), f.uri(), p.position(), null, params, p.reason(), p.rawText());
  }
}

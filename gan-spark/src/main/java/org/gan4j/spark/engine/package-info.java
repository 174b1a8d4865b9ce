/**
 * The Spark side of gan-spark: code that runs in Spark's class loader (the driver's Spark context,
 * the executors' tasks, Hadoop file systems) and refers to Spark, Hadoop and the JDK only, never to
 * gan4j. It talks to gan4j (in a class loader of its own, so neither sees the other's libraries)
 * through JDK types: maps of strings, numbers and lists, and {@link java.util.function.Function}.
 *
 * <p>Internal to the optional gan-spark module: not part of the plugin API; may change in any release.
 */
package org.gan4j.spark.engine;

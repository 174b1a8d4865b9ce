/**
 * gan4j's side of gan-spark: the {@code spark} engine of {@code gan4j compare --spark}
 * ({@link org.gan4j.spark.SparkCellRunnerProvider}) and the work a Spark task asks of gan4j
 * ({@link org.gan4j.spark.CellWork}). It refers to gan4j and the JDK only; the Spark side is
 * {@link org.gan4j.spark.engine}, reached through {@link org.gan4j.spark.EngineHandle}.
 *
 * <p>Internal to the optional gan-spark module: not part of the plugin API; may change in any release.
 */
package org.gan4j.spark;

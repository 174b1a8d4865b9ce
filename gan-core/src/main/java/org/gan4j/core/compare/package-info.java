/**
 * {@code gan4j compare}: expands an experiment's grid of configs, trains each cell, and summarises
 * the runs in a report.
 *
 * <p>Engine-internal: not part of the plugin API and not visible to plugins; may change in any
 * release.
 */
package org.gan4j.core.compare;

/** {@code gan4j compare}: expands an experiment's grid of configs, trains each cell, and summarises the runs in a report. */
package org.gan4j.core.compare;

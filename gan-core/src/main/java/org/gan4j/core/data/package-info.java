/** Feeding a dataset to training: batches in a per-epoch shuffled order, optionally prepared on a background thread. */
package org.gan4j.core.data;

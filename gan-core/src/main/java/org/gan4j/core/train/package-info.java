/**
 * The training loop ({@link org.gan4j.core.train.Trainer}), its listeners, the Guice wiring of a run
 * ({@link org.gan4j.core.train.RunModule}, {@link org.gan4j.core.train.TrainingRun}) and sampling from
 * a finished run ({@link org.gan4j.core.train.Sampler}).
 */
package org.gan4j.core.train;

/**
 * Watching a training run: {@link org.gan4j.api.train.TrainingListener} (a plugin binds its own
 * with Guice's {@code Multibinder}) and what it is given: {@link org.gan4j.api.train.RunInfo},
 * {@link org.gan4j.api.train.IterationStats}, {@link org.gan4j.api.train.SampleSource} and
 * {@link org.gan4j.api.train.TrainingResult}.
 *
 * <p>Stable: part of the plugin API ({@link org.gan4j.api.Api#PACKAGES}).
 */
@Api
package org.gan4j.api.train;

import org.gan4j.api.Api;

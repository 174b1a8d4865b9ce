/**
 * The service-provider interfaces plugins implement: the plugin entry point
 * {@link org.gan4j.api.spi.GanPlugin} with its {@link org.gan4j.api.spi.ComponentType}s, and the
 * component kinds a config selects by name ({@link org.gan4j.api.spi.DatasetSpec},
 * {@link org.gan4j.api.spi.GeneratorSpec}, {@link org.gan4j.api.spi.DiscriminatorSpec},
 * {@link org.gan4j.api.spi.Loss}, {@link org.gan4j.api.spi.TrainingSchedule},
 * {@link org.gan4j.api.spi.OptimizerSpec}, {@link org.gan4j.api.spi.MetricSpec}) with what they are
 * given and return.
 *
 * <p>Stable: part of the plugin API ({@link org.gan4j.api.Api#PACKAGES}); it grows only by default
 * methods and new types unless {@link org.gan4j.api.SpiVersion#MAJOR} changes.
 */
@Api
package org.gan4j.api.spi;

import org.gan4j.api.Api;

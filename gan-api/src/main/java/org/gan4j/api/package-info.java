/**
 * gan4j's plugin API, the root package: the error type plugins throw for bad input
 * ({@link org.gan4j.api.Gan4jException}), the validation helpers settings constructors use
 * ({@link org.gan4j.api.Checks}), the API's version ({@link org.gan4j.api.SpiVersion}) and the
 * annotation that marks the stable packages ({@link org.gan4j.api.Api}).
 *
 * <p>Stable: part of the plugin API ({@link org.gan4j.api.Api#PACKAGES}); changes only by additions
 * unless {@link org.gan4j.api.SpiVersion#MAJOR} changes.
 */
@Api
package org.gan4j.api;

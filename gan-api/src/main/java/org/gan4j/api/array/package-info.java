/**
 * Small helpers over ND4J arrays that layers, losses and datasets share: batch shapes
 * ({@link org.gan4j.api.array.Shapes}) and memory-layout checks for code that reads buffers directly
 * ({@link org.gan4j.api.array.Layouts}).
 *
 * <p>Stable: part of the plugin API ({@link org.gan4j.api.Api#PACKAGES}).
 */
@Api
package org.gan4j.api.array;

import org.gan4j.api.Api;

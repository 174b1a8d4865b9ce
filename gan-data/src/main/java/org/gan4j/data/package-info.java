/**
 * gan4j's built-in datasets, registered by {@link org.gan4j.data.DataPlugin}.
 *
 * <p>A built-in plugin, written against the plugin API alone: its classes are not an API (other
 * plugins cannot see them) and may change in any release.
 */
package org.gan4j.data;

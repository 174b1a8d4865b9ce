/**
 * Downloading a file so that only a complete, checksum-verified copy ever appears under its final
 * name.
 *
 * <p>A built-in plugin, written against the plugin API alone: its classes are not an API (other
 * plugins cannot see them) and may change in any release.
 */
package org.gan4j.data.download;

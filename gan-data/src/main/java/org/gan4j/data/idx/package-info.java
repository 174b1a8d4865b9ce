/**
 * Reading IDX files (the MNIST format), gzipped or raw, with checks that name the file and the
 * offset of a problem.
 *
 * <p>A built-in plugin, written against the plugin API alone: its classes are not an API (other
 * plugins cannot see them) and may change in any release.
 */
package org.gan4j.data.idx;

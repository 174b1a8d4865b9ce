/** Downloading a file so that only a complete, checksum-verified copy ever appears under its final name. */
package org.gan4j.data.download;

/** Reading IDX files (the MNIST format), gzipped or raw, with checks that name the file and the offset of a problem. */
package org.gan4j.data.idx;

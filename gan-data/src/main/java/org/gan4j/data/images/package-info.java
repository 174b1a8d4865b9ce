/** Image files as training data: decoding, PIL-compatible resize and centre crop, and the {@code image-folder} dataset. */
package org.gan4j.data.images;

/**
 * Writing generated samples as pictures: PNG grids and animated GIFs, with javax.imageio.
 *
 * <p>Engine-internal: not part of the plugin API and not visible to plugins; may change in any
 * release.
 */
package org.gan4j.core.image;

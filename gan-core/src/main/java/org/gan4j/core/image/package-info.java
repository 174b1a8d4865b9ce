/** Writing generated samples as pictures: PNG grids and animated GIFs, with javax.imageio. */
package org.gan4j.core.image;

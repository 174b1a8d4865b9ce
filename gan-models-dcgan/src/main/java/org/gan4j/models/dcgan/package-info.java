/** The DCGAN generator and discriminator (registered, settings validated; the networks themselves come in a later version). */
package org.gan4j.models.dcgan;

/** Finding plugins (class path and plugins directories) and the registry of the components they name. */
package org.gan4j.core.plugin;

/**
 * Finding plugins (class path and plugins directories) and the registry of the components they
 * name.
 *
 * <p>Engine-internal: not part of the plugin API and not visible to plugins; may change in any
 * release.
 */
package org.gan4j.core.plugin;

/**
 * Reading and validating run configs (YAML or JSON) into {@link org.gan4j.core.config.RunConfig}.
 *
 * <p>Engine-internal: not part of the plugin API and not visible to plugins; may change in any
 * release.
 */
package org.gan4j.core.config;

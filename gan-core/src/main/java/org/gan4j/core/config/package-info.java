/** Reading and validating run configs (YAML or JSON) into {@link org.gan4j.core.config.RunConfig}. */
package org.gan4j.core.config;

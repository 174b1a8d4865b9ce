/**
 * Training schedules: how the discriminator and generator updates alternate and how long a run
 * lasts.
 *
 * <p>Engine-internal: not part of the plugin API and not visible to plugins; may change in any
 * release.
 */
package org.gan4j.core.schedule;

/** Training schedules: how the discriminator and generator updates alternate and how long a run lasts. */
package org.gan4j.core.schedule;

/** gan4j's built-in datasets, registered by {@link org.gan4j.data.DataPlugin}. */
package org.gan4j.data;

/**
 * Reusable contract tests for plugin authors: {@link org.gan4j.testkit.LossContract} (JUnit 5) and
 * the framework-neutral {@link org.gan4j.testkit.LossChecks} behind it.
 *
 * <p>For plugin authors' tests: it follows the plugin API and changes with
 * {@link org.gan4j.api.SpiVersion}.
 */
package org.gan4j.testkit;

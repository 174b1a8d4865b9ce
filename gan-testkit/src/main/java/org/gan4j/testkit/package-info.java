/** Reusable contract tests for plugin authors: {@link org.gan4j.testkit.LossContract} (JUnit 5) and the framework-neutral {@link org.gan4j.testkit.LossChecks} behind it. */
package org.gan4j.testkit;

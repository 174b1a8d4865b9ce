/**
 * {@code gan4j serve}: a local, read-only web dashboard of the runs and comparisons under one
 * directory. {@link org.gan4j.dashboard.Dashboard} is the server (Javalin), {@link
 * org.gan4j.dashboard.SafePaths} the one gate every request path goes through, {@link
 * org.gan4j.dashboard.Catalog} finds runs and comparisons, {@link org.gan4j.dashboard.LiveRun}
 * reads what a training run has written so far; the pages are jte templates in {@code src/main/jte}.
 */
package org.gan4j.dashboard;

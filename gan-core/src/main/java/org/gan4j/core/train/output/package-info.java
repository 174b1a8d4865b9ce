/** The built-in training listeners: the files a run leaves behind and the progress it prints. */
package org.gan4j.core.train.output;

package org.gan4j.api.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The settings of a data source, selected in a config file by {@code data.type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface DatasetSpec {

    /**
     * Opens the data: reads (or maps, or indexes) it and checks it. Problems with the data the user
     * can fix (a missing directory, a truncated file) are thrown as
     * {@link org.gan4j.api.Gan4jException#badInput} naming the file and what to do.
     */
    Dataset open(DataContext context);
}

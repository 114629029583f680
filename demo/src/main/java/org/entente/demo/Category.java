package org.entente.demo;

/** The departments of the demo brand's catalog. */
public enum Category {
    BABY,
    BEAUTY,
    GROCERY,
    HOME,
    FASHION,
    SPORTS,
    GARDEN,
    BOOKS
}

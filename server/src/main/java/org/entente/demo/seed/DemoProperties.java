package org.entente.demo.seed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param demo     {@code entente.demo}: seed the demo population at start-up
 * @param demoSeed {@code entente.demo-seed}: the seed of the generator; the same seed gives the same population
 */
@ConfigurationProperties("entente")
record DemoProperties(@DefaultValue("false") boolean demo,
                      @DefaultValue("" + DemoProperties.DEFAULT_SEED) long demoSeed) {

    static final long DEFAULT_SEED = 20261124L;
}

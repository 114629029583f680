package org.entente.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorsTest {

    @Test
    void roundTripsItsParts() {
        String cursor = Cursors.encode("2026-11-24T10:00:00Z", "éà €");
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(Cursors.decode(cursor, 2)).containsExactly("2026-11-24T10:00:00Z", "éà €");
    }

    @Test
    void refusesWhatItDidNotMake() {
        assertThatThrownBy(() -> Cursors.decode("not base64!", 1)).isInstanceOf(ProblemException.BadRequest.class);
        assertThatThrownBy(() -> Cursors.decode(Cursors.encode("a", "b"), 1))
                .isInstanceOf(ProblemException.BadRequest.class);
        assertThatThrownBy(() -> Cursors.decode("a".repeat(600), 1)).isInstanceOf(ProblemException.BadRequest.class);
    }
}

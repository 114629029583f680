package org.entente.platform;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeTest {

    @Test
    void parsesWireCodesCaseInsensitively() {
        assertThat(Scope.fromCode("ingest")).isEqualTo(Scope.INGEST);
        assertThat(Scope.fromCode("ADMIN")).isEqualTo(Scope.ADMIN);
        assertThat(Scope.CHECKOUT.authority()).isEqualTo("SCOPE_checkout");
    }

    @Test
    void explainsUnknownCodes() {
        assertThatThrownBy(() -> Scope.fromCode("root")).hasMessageContaining("root")
                .hasMessageContaining("ingest, checkout, outreach, read, admin");
    }

    @Test
    void orderedSetsIterateInDeclarationOrder() {
        assertThat(Scope.orderedSet(List.of(Scope.ADMIN, Scope.INGEST, Scope.READ)))
                .containsExactly(Scope.INGEST, Scope.READ, Scope.ADMIN);
        assertThat(Scope.orderedSet(List.of())).isEmpty();
    }
}

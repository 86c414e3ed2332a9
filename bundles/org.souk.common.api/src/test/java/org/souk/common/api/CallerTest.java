package org.souk.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void onlyThePlatformsOwnInstanceIsTheSystemNotAUserWhoCarriesItsName() {
        assertThat(Caller.SYSTEM.isSystem()).isTrue();
        Caller lookalike = new Caller("system", Role.ADMIN);
        // Equal as values (same user id and role), yet not the platform.
        assertThat(lookalike).isEqualTo(Caller.SYSTEM);
        assertThat(lookalike.isSystem()).isFalse();
        assertThat(new Caller("u-1", Role.ADMIN).isSystem()).isFalse();
    }
}

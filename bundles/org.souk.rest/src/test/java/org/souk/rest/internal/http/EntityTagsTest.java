package org.souk.rest.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.souk.common.api.ValidationException;

class EntityTagsTest {

    @Test
    void aVersionIsAStrongTag() {
        assertThat(EntityTags.of(3).toString()).isEqualTo("\"3\"");
        assertThat(EntityTags.of(3).isWeak()).isFalse();
    }

    @Test
    void ifMatchNamesVersionsOrAny() {
        assertThat(EntityTags.ifMatch(null)).isNull();
        assertThat(EntityTags.ifMatch(" * ").any()).isTrue();
        assertThat(EntityTags.ifMatch("\"3\"").versions()).containsExactly(3L);
        assertThat(EntityTags.ifMatch("\"3\", \"7\",\"12\"").versions()).containsExactlyInAnyOrder(3L, 7L, 12L);
    }

    @Test
    void weakAndForeignTagsMatchNoVersion() {
        // If-Match compares strongly: a weak tag never matches; neither does a tag this API never gave.
        EntityTags.IfMatch weak = EntityTags.ifMatch("W/\"3\"");
        assertThat(weak.any()).isFalse();
        assertThat(weak.versions()).isEmpty();
        assertThat(EntityTags.ifMatch("\"abc\", \"\"").versions()).isEmpty();
        assertThat(EntityTags.ifMatch("\"\u0663\"").versions()).as("only ASCII digits").isEmpty();
        assertThat(EntityTags.ifMatch("\"99999999999999999999\"").versions()).isEmpty();
    }

    @Test
    void aHeaderThatIsNoEntityTagIsABadRequestNamingIt() {
        for (String bad : new String[] {"3", "", " ", "\"3", "\"3\" \"4\"", "\"a b\"", "W/3", "**"}) {
            assertThatThrownBy(() -> EntityTags.ifMatch(bad)).as(bad).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("If-Match"));
        }
    }
}

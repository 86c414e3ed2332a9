package org.souk.rest.internal.resource.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Caller;
import org.souk.common.api.FieldError;
import org.souk.common.api.Role;
import org.souk.common.api.ValidationException;
import org.souk.notification.api.NotificationPreferenceService;
import org.souk.notification.api.NotificationPreferences;
import org.souk.rest.internal.http.CallerSecurityContext;

import com.fasterxml.jackson.databind.ObjectMapper;

class NotificationPreferencesResourceTest {

    private final AtomicReference<NotificationPreferences> replaced = new AtomicReference<>();
    private final NotificationPreferencesResource resource = new NotificationPreferencesResource(
            (NotificationPreferenceService) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {NotificationPreferenceService.class}, (proxy, method, args) -> {
                        replaced.set((NotificationPreferences) args[1]);
                        return args[1];
                    }));

    @Test
    void aDocumentWithoutWhatOnlyThePlatformSaysIsTaken() throws Exception {
        // What a frontend sends back after editing switches: no "mandatory", no "channels".
        NotificationPreferencesResource.Document document = new ObjectMapper().readValue(
                "{\"types\":[{\"type\":\"new_order\",\"channels\":{\"email\":false,\"in_app\":true}}]}",
                NotificationPreferencesResource.Document.class);
        resource.replace(new CallerSecurityContext(new Caller("fatima", Role.FREELANCER), true), document);
        assertThat(replaced.get().types()).singleElement().satisfies(row -> {
            assertThat(row.type()).isEqualTo("new_order");
            assertThat(row.channels()).isEqualTo(Map.of("email", false, "in_app", true));
        });
        assertThat(replaced.get().channels()).isNull();
    }

    @Test
    void noDocumentNamesTheBody() {
        ValidationException e = catchThrowableOfType(() -> resource.replace(
                new CallerSecurityContext(new Caller("fatima", Role.FREELANCER), true), null), ValidationException.class);
        assertThat(e.errors()).extracting(FieldError::field).isEqualTo(List.of("body"));
    }
}

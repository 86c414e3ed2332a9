package org.souk.rest.internal.resource.account;

import java.time.Instant;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.souk.auth.api.PendingEmail;
import org.souk.auth.api.UserContact;
import org.souk.auth.api.UserDirectory;
import org.souk.common.api.Caller;
import org.souk.common.api.Nullable;
import org.souk.common.api.ValidationException;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The caller's own profile: who the token says they are, and how Souk reaches them outside the app (email
 * address and language, from the token's claims or set here). PATCH takes {@code email} and/or
 * {@code locale}; a value set here outlives later tokens' claims, {@code null} or {@code ""} forgets it. A new
 * address is only pending ({@code pendingEmail}) until the token mailed to it comes back to
 * {@code POST /me/email-confirmation}, which needs no bearer token: the mailed token is the proof.
 */
@Component(service = MeResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "account", description = "The caller's own account: contact details and language")
public class MeResource {

    public static final String CONFIRMATION_PATH = "me/email-confirmation";

    /**
     * The caller: {@code email} null when unknown, {@code locale} {@code en}, {@code fr} or {@code ar};
     * {@code pendingEmail} the new address waiting for its confirmation until {@code pendingEmailExpiresAt}
     * (both null when none is).
     */
    public record Me(String userId, String role, @Nullable String email, @Nullable String locale, @Nullable String pendingEmail,
            @Nullable Instant pendingEmailExpiresAt) {

        public Me(String userId, String role, String email, String locale) {
            this(userId, role, email, locale, null, null);
        }
    }

    /**
     * A change of the caller's contact details: a field left out stays as it is; {@code null} forgets it. A new
     * {@code email} is confirmed first: a link goes to it and the change applies once it is followed.
     */
    public record MeChange(@Nullable @Schema(example = "omar@cafe.ma") String email,
            @Nullable @Schema(allowableValues = {"en", "fr", "ar"}) String locale) {
    }

    /** The token mailed to a new address. */
    public record EmailConfirmation(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String token) {
    }

    /** A confirmed change: the user whose address it is now. */
    public record EmailConfirmed(String userId, @Nullable String email) {
    }

    private final UserDirectory directory;

    @Activate
    public MeResource(@Reference UserDirectory directory) {
        this.directory = directory;
    }

    @GET
    @Operation(operationId = "getMe", summary = "The caller: user id, role, email and language")
    public Me get(@Context SecurityContext security) {
        Caller caller = CallerSecurityContext.of(security);
        return me(caller, directory.contact(caller.userId()).orElse(new UserContact(caller.userId(), null, null)));
    }

    /**
     * Applies the pending change of address whose token was mailed to the new address; once: a second use, an
     * expired, unknown or replaced token is a 400 naming {@code token} and changes nothing.
     */
    @POST
    @Path("email-confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "confirmEmail", summary = "Apply a change of address with the token mailed to the new address",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EmailConfirmation.class))))
    public EmailConfirmed confirmEmail(Map<String, Object> body) {
        Object token = body == null ? null : body.get("token");
        if (!(token instanceof String text) || text.isBlank()) {
            throw new ValidationException("token", "is required: the token mailed to the new address");
        }
        if (body.size() > 1) {
            ValidationException.Collector errors = new ValidationException.Collector();
            body.keySet().stream().filter(k -> !"token".equals(k)).forEach(k -> errors.add(k, "unknown field: only token"));
            errors.throwIfAny();
        }
        UserContact contact = directory.confirmEmail(text);
        return new EmailConfirmed(contact.userId(), contact.email());
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateMe", summary = "Change the caller's email (confirmed by mail first) or language",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MeChange.class))))
    public Me update(@Context SecurityContext security, Map<String, Object> body) {
        Caller caller = CallerSecurityContext.of(security);
        if (body == null || body.isEmpty()) {
            throw new ValidationException("body", "give email and/or locale");
        }
        ValidationException.Collector errors = new ValidationException.Collector();
        for (String key : body.keySet()) {
            if (!"email".equals(key) && !"locale".equals(key)) {
                errors.add(key, "unknown field: only email and locale can be changed");
            }
        }
        String email = text(body, "email", errors);
        String locale = text(body, "locale", errors);
        errors.throwIfAny();
        return me(caller, directory.update(caller.userId(), email, locale));
    }

    /** The field's text: absent → null (unchanged), JSON null → "" (forget). */
    private static String text(Map<String, Object> body, String field, ValidationException.Collector errors) {
        if (!body.containsKey(field)) {
            return null;
        }
        Object value = body.get(field);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String s)) {
            errors.add(field, "must be a string or null");
            return null;
        }
        return s;
    }

    private Me me(Caller caller, UserContact contact) {
        PendingEmail pending = directory.pendingEmail(caller.userId()).orElse(null);
        return new Me(caller.userId(), caller.role().id(), contact.email(), contact.language(),
                pending == null ? null : pending.email(), pending == null ? null : pending.expiresAt());
    }
}

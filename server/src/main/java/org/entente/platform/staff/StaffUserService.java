package org.entente.platform.staff;

import org.entente.platform.Actor;
import org.entente.platform.AuditLog;
import org.entente.platform.CursorPage;
import org.entente.platform.Cursors;
import org.entente.platform.ProblemException;
import org.entente.platform.StaffRole;
import org.entente.platform.StaffUsers;
import org.entente.platform.security.LoginThrottle;
import org.entente.platform.security.StaffSessions;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Staff accounts of the back office: creation, roles, enabling, passwords, and loading for the login form.
 * There is always at least one enabled admin: a change that would remove the last one is refused.
 */
@Service
public class StaffUserService implements StaffUsers, UserDetailsService {

    /** The account created on first start. */
    public static final String ADMIN_USERNAME = "admin";

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final int MIN_PASSWORD = 8;
    /** The width of the {@code display_name} column. */
    private static final int MAX_DISPLAY_NAME = 200;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused. */
    private static final int MAX_PASSWORD_BYTES = 72;
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StaffUserRepository users;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final StaffSessions sessions;

    StaffUserService(StaffUserRepository users, PasswordEncoder encoder, AuditLog audit, Clock clock,
                     LoginThrottle throttle, StaffSessions sessions) {
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
        this.throttle = throttle;
        this.sessions = sessions;
    }

    /** A created user, with the generated password when none was given (shown once). */
    public record CreatedStaffUser(StaffUserView user, String generatedPassword) {
    }

    @Override
    @Transactional
    public boolean createIfAbsent(String username, String displayName, Set<StaffRole> roles, String password) {
        return insertIfAbsent(username, displayName, roles, password, Actor.system()).isPresent();
    }

    /**
     * Creates a user. Audited.
     *
     * @param password null to generate one, returned in the result
     * @throws ProblemException.BadRequest naming every field at fault
     * @throws ProblemException.Conflict when the username is taken
     */
    @Transactional
    public CreatedStaffUser create(String username, String displayName, Set<StaffRole> roles, String password, Actor by) {
        return insertIfAbsent(username, displayName, roles, password, by)
                .orElseThrow(() -> new ProblemException.Conflict("problem.staff.usernameTaken", username));
    }

    /**
     * Validates and creates the user unless the username is taken, also by another node at the same moment.
     * Audited when it creates.
     */
    private Optional<CreatedStaffUser> insertIfAbsent(String username, String displayName, Set<StaffRole> roles,
                                                      String password, Actor by) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        checkUsername(username, errors);
        checkDisplayName(displayName, errors);
        checkRoles(roles, errors);
        if (password != null) {
            checkPassword(password, errors);
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        String generated = password == null ? generatePassword() : null;
        String effective = password == null ? generated : password;
        // Spares the deliberately slow password hash when the user is already there; the insert decides races.
        if (users.existsByUsername(username)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        StaffUserView user = new StaffUserView(UUID.randomUUID(), username, displayName.strip(), roles, true, now, now);
        if (!users.insertIfAbsent(user, encoder.encode(effective))) {
            return Optional.empty();
        }
        audit.record(by, "staff.created", username, Map.of("roles", roleNames(roles)));
        return Optional.of(new CreatedStaffUser(user, generated));
    }

    @Transactional(readOnly = true)
    public CursorPage<StaffUserView> list(String cursor, int limit) {
        String after = cursor == null ? null : Cursors.decode(cursor, 1).getFirst();
        return CursorPage.of(users.page(after, limit + 1), limit, user -> Cursors.encode(user.username()));
    }

    @Transactional(readOnly = true)
    public StaffUserView get(UUID id) {
        return users.findById(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Changes what is given (null leaves a field as it is). Role changes and enabling/disabling are audited with
     * the before and after values.
     *
     * @throws ProblemException.Conflict when the change would leave no enabled admin
     */
    @Transactional
    public StaffUserView update(UUID id, String displayName, Set<StaffRole> roles, Boolean enabled, Actor by) {
        users.lockAll();
        List<UUID> admins = users.enabledAdmins();
        StaffUserView user = users.findById(id).orElseThrow(() -> notFound(id));
        Set<StaffRole> newRoles = roles == null ? user.roles() : roles;
        boolean newEnabled = enabled == null ? user.enabled() : enabled;
        List<ProblemException.FieldError> errors = new ArrayList<>();
        if (displayName != null) {
            checkDisplayName(displayName, errors);
        }
        checkRoles(newRoles, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        String newName = displayName == null ? user.displayName() : displayName.strip();
        boolean staysAdmin = newEnabled && newRoles.contains(StaffRole.ADMIN);
        if (admins.contains(id) && !staysAdmin && admins.size() == 1) {
            throw new ProblemException.Conflict("problem.staff.lastAdmin");
        }
        Instant now = clock.instant();
        users.update(id, newName, newEnabled, now);
        if (!newRoles.equals(user.roles())) {
            users.replaceRoles(id, newRoles);
            audit.record(by, "staff.roles_changed", user.username(),
                    Map.of("before", roleNames(user.roles()), "after", roleNames(newRoles)));
            sessions.expireAfterCommit(user.username());
        }
        if (newEnabled != user.enabled()) {
            audit.record(by, newEnabled ? "staff.enabled" : "staff.disabled", user.username(), Map.of());
            sessions.expireAfterCommit(user.username());
        }
        return get(id);
    }

    /** Replaces the password with a generated one, returned once. Audited. */
    @Transactional
    public String resetPassword(UUID id, Actor by) {
        StaffUserView user = users.lockById(id).orElseThrow(() -> notFound(id));
        String password = generatePassword();
        users.updatePassword(id, encoder.encode(password), clock.instant());
        audit.record(by, "staff.password_reset", user.username(), Map.of());
        sessions.expireAfterCommit(user.username());
        return password;
    }

    /**
     * Creates the {@code admin} account (role ADMIN) if it does not exist and, when {@code password} is given,
     * sets its password. Leaves the roles and the enabled flag of an existing account as they are. Used at start-up.
     *
     * @return the password generated for a newly created admin when none was given
     */
    @Transactional
    public Optional<String> bootstrapAdmin(String password) {
        if (password != null) {
            List<ProblemException.FieldError> errors = new ArrayList<>();
            checkPassword(password, errors);
            if (!errors.isEmpty()) {
                throw new ProblemException.BadRequest(errors, "problem.validation");
            }
        }
        Optional<CreatedStaffUser> created = insertIfAbsent(ADMIN_USERNAME, "Administrator", Set.of(StaffRole.ADMIN),
                password, Actor.system());
        if (created.isPresent()) {
            return Optional.ofNullable(created.get().generatedPassword());
        }
        if (password != null) {
            StaffUserRepository.Credentials existing = users.credentials(ADMIN_USERNAME).orElseThrow();
            if (!encoder.matches(password, existing.passwordHash())) {
                users.updatePassword(existing.user().id(), encoder.encode(password), clock.instant());
                audit.record(Actor.system(), "staff.password_set", ADMIN_USERNAME, Map.of("source", "bootstrap"));
            }
        }
        return Optional.empty();
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        StaffUserRepository.Credentials credentials = users.credentials(username.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new UsernameNotFoundException("no such staff user"));
        StaffUserView user = credentials.user();
        return User.withUsername(user.username())
                .password(credentials.passwordHash())
                .disabled(!user.enabled())
                .accountLocked(throttle.isLocked(user.username()))
                .authorities(user.roles().stream().map(StaffRole::authority).map(SimpleGrantedAuthority::new).toList())
                .build();
    }

    private static void checkUsername(String username, List<ProblemException.FieldError> errors) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.add(new ProblemException.FieldError("username", "Pattern", "problem.staff.username"));
        }
    }

    /** The same rules whether the name comes from the API, a back-office form or an import. */
    private static void checkDisplayName(String displayName, List<ProblemException.FieldError> errors) {
        if (displayName == null || displayName.isBlank()) {
            errors.add(new ProblemException.FieldError("displayName", "NotBlank", "problem.field.notBlank"));
        } else if (displayName.strip().length() > MAX_DISPLAY_NAME) {
            errors.add(new ProblemException.FieldError("displayName", "Size", "problem.field.tooLong",
                    MAX_DISPLAY_NAME));
        } else if (CONTROL.matcher(displayName).find()) {
            errors.add(new ProblemException.FieldError("displayName", "Pattern",
                    "problem.field.noControlCharacters"));
        }
    }

    private static void checkRoles(Set<StaffRole> roles, List<ProblemException.FieldError> errors) {
        if (roles == null || roles.isEmpty()) {
            errors.add(new ProblemException.FieldError("roles", "NotEmpty", "problem.staff.roles"));
        }
    }

    private static void checkPassword(String password, List<ProblemException.FieldError> errors) {
        if (password.length() < MIN_PASSWORD || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            errors.add(new ProblemException.FieldError("password", "Size", "problem.staff.password", MIN_PASSWORD,
                    MAX_PASSWORD_BYTES));
        }
    }

    private static ProblemException.NotFound notFound(UUID id) {
        return new ProblemException.NotFound("problem.staff.notFound", id);
    }

    private static List<String> roleNames(Set<StaffRole> roles) {
        return roles.stream().map(StaffRole::name).toList();
    }

    private static String generatePassword() {
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}

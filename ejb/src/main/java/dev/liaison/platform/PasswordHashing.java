package dev.liaison.platform;

import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;

/**
 * Hashes passwords with bcrypt into the modular-crypt form ({@code $2a$...}) that the server's
 * JDBC security realm verifies, so that the application and the server agree on one format.
 */
public final class PasswordHashing {

    /** bcrypt cost factor: 2^10 rounds, about a tenth of a second per check on a small server. */
    public static final int COST = 10;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final WildFlyElytronPasswordProvider PROVIDER = WildFlyElytronPasswordProvider.getInstance();

    private PasswordHashing() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
        RANDOM.nextBytes(salt);
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            Password hashed = factory.generatePassword(new EncryptablePasswordSpec(password.toCharArray(),
                    new IteratedSaltedPasswordAlgorithmSpec(COST, salt)));
            return ModularCrypt.encodeAsString(hashed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is not available", e);
        }
    }

    public static boolean matches(String password, String hash) {
        if (hash == null || password == null) {
            return false;
        }
        try {
            Password stored = ModularCrypt.decode(hash);
            PasswordFactory factory = PasswordFactory.getInstance(stored.getAlgorithm(), PROVIDER);
            return factory.verify(factory.translate(stored), password.toCharArray());
        } catch (InvalidKeySpecException | IllegalArgumentException e) {
            // not a hash this factory can read: it matches no password
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify a " + hash.substring(0, Math.min(4, hash.length())) + " hash", e);
        }
    }
}

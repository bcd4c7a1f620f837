package dev.liaison.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHashingTest {

    @Test
    void hashIsBcryptInModularCryptFormAtTheConfiguredCost() {
        String hash = PasswordHashing.hash("correct horse battery staple");

        assertThat(hash).startsWith("$2a$" + PasswordHashing.COST + "$").hasSize(60);
        assertThat(hash).doesNotContain("correct horse");
    }

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        String hash = PasswordHashing.hash("s3cret-passwörd");

        assertThat(PasswordHashing.matches("s3cret-passwörd", hash)).isTrue();
        assertThat(PasswordHashing.matches("s3cret-password", hash)).isFalse();
        assertThat(PasswordHashing.matches("", hash)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(PasswordHashing.hash("same")).isNotEqualTo(PasswordHashing.hash("same"));
    }

    @Test
    void aMissingOrCorruptHashMatchesNothing() {
        assertThat(PasswordHashing.matches("admin", null)).isFalse();
        assertThat(PasswordHashing.matches("admin", "$2a$10$tooshort")).isFalse();
    }
}

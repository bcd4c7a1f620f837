package dev.liaison.platform.boundary;

import dev.liaison.platform.ConflictException;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.platform.Violation;
import jakarta.ejb.EJBAccessException;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMapperTest {

    @Test
    void eachFailureGetsTheStatusThatExplainsIt() {
        assertThat(ProblemMapper.toProblem(new InvalidInputException("bad", List.of(new Violation("email", "x")))).status())
                .isEqualTo(400);
        assertThat(ProblemMapper.toProblem(new JsonbException("broken")).status()).isEqualTo(400);
        assertThat(ProblemMapper.toProblem(new EJBAccessException("no")).status()).isEqualTo(403);
        assertThat(ProblemMapper.toProblem(new NotFoundException("gone")).status()).isEqualTo(404);
        assertThat(ProblemMapper.toProblem(new ConflictException("username", "taken")).status()).isEqualTo(409);
        assertThat(ProblemMapper.toProblem(new IllegalStateException("bug")).status()).isEqualTo(500);
    }

    @Test
    void anInternalFailureRevealsNoDetail() {
        Problem problem = ProblemMapper.toProblem(new IllegalStateException("password=hunter2"));

        assertThat(problem.detail()).doesNotContain("hunter2");
    }

    @Test
    void aConflictNamesTheField() {
        assertThat(ProblemMapper.toProblem(new ConflictException("email", "taken")).violations())
                .containsExactly(new Violation("email", "is already in use"));
    }
}

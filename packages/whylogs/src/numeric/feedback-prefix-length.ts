/**
 * How many values a hot loop's first call on a batch handles on its own before the rest of the batch. In a fresh
 * process V8 compiles a long loop on-stack (OSR) while its first call is still inside it, before the code after
 * the loop ever ran; that code then has no type feedback, the compiled function deoptimizes on reaching it, and
 * is compiled again (seen three or four times per kernel in a 1M-row profile, each compile charged to the
 * process's CPU time). A first call this short finishes in the interpreter, so every later compile has feedback
 * for the whole function. Results never depend on where the split falls.
 */
export const FEEDBACK_PREFIX_LENGTH = 1024;

/** The server's limit on a project's or a task's name: the field stops where the server would refuse. */
export const NAME_MAX_LENGTH = 64;

interface ImportMetaEnv {
  /** Set by the `newsroom:unpublished` integration in astro.config.mjs. */
  readonly SHOW_UNPUBLISHED: boolean;
}

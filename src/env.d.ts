declare module 'virtual:newsroom/config' {
  /** The newsroom integration's options, validated and resolved (src/integration/options.ts). */
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- an ambient module declaration cannot have a top-level import
  const site: import('./integration/options.ts').SiteForPages;
  export default site;
}

"""Short share links: one code per creator and target, a redirect that counts the people who follow it."""

// Tables of the volunteers domain.
export {};

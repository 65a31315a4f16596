// Tables of the children domain.
export {};
